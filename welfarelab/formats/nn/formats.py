# Nynorsk takes and shows dates and times as bokmål does (see ../nb/formats.py for why).
from welfarelab.formats.nb.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS, TIME_INPUT_FORMATS

__all__ = ["DATE_INPUT_FORMATS", "DATETIME_INPUT_FORMATS", "TIME_INPUT_FORMATS"]
