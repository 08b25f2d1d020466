"""The valuation engine: pure Python, no Django.

It turns an investment plan's benefits and costs into annual values, present values, the net
present value, the benefit-cost ratio and the payback year, as specified by the contract
``docs/contracts/valuation.md``. The one entry point is :func:`welfarelab.valuation.engine.valuate`.
"""

from .engine import valuate
from .errors import ValidationError
from .parameters import Parameter, ParameterNotInForce, Parameters

__all__ = ["Parameter", "ParameterNotInForce", "Parameters", "ValidationError", "valuate"]
