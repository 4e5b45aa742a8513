"""The functional core of case management: pure Python over plain values.

No Django imports here (a test checks): the Django layer loads, calls, saves.
period.py: counseling period and plan deadline (BW 4.1.4–4.1.5); dates.py:
calendar arithmetic and partial dates; names.py: name normalisation, search
keys and duplicate detection; phonetics.py: Kölner Phonetik.
"""
