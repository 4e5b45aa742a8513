"""JSON bodies with exact decimals: 0.5 and 1234567.89 arrive as Decimal, never as float.

Money must never pass through float (SPEC §4.1). NaN and Infinity are refused.
"""

import json
from decimal import Decimal

from ninja.parser import Parser


def _no_constants(name: str):
    raise ValueError(f"{name} is not a number")


class DecimalJSONParser(Parser):
    def parse_body(self, request):
        return json.loads(request.body, parse_float=Decimal, parse_constant=_no_constants)
