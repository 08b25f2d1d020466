"""The one error a caller of the engine has to handle: a request that does not make sense."""


class ValidationError(ValueError):
    """A request field that is missing or has a value the engine cannot use.

    ``field`` is the path to the offending value, in the request's own terms
    (``benefits[1].inputs.change``); ``message`` says what is wrong with it
    (``must be between 0 and 1``). ``str(error)`` joins the two.
    """

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
