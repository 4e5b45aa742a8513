"""The ground floor: plain Python that every layer may use, and that uses nothing of Lotse.

No Django, no database, no float (tests/test_rules_are_pure.py checks it as it
checks every ``rules`` package). One word for each idea:

- errors:   ``RuleViolation``, the one way a rule or a service refuses
- messages: ``Message``, German text that remembers its template for translation
- money:    parsing without float, rounding half-up to cents once, German display
- dates:    month and year arithmetic as §§ 187–188 BGB count, German dates
"""
