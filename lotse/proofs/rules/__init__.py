"""The proof of use as a functional core (issue 5 item 6): no Django, no database.

- ``periods``: which proofs a programme asks for and when they are due
  (KIM §8, §15(2); BW 8.1, 9.1.6);
- ``statement``: the financial statement, actual costs against the entitlement;
- ``tables``: reading payroll exports and lists of receipts line by line, with
  German errors that name the line and the column.
"""
