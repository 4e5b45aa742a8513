"""Staff rules as a functional core: pure functions over ``date`` and ``Decimal``.

No Django, no ORM: the staff app loads facts, calls these functions and saves or
shows what they return. Every rule cites its source (BW = VwV
Integrationsmanagement 2023). See docs/staff-rules.md.

- ``common``         date ranges, month arithmetic, findings, staff functions
- ``qualification``  qualification level 1–4 (BW 4.1.1, 4.2)
- ``supplementary``  supplementary qualification deadlines and status (BW 4.1.2)
- ``training``       one training offer per calendar year (BW 4.1.3)
- ``employment``     employment periods, fundability, coverage (BW 3.4, 5.5, 5.6)
"""
