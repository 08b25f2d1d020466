# English as used in Norway: day before month, 24-hour clock. Date and time fields show and take what
# bokmål's do (see ../nb/formats.py).
from welfarelab.formats.nb.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS, TIME_INPUT_FORMATS

__all__ = ["DATE_INPUT_FORMATS", "DATETIME_INPUT_FORMATS", "TIME_INPUT_FORMATS"]

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d.m.Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1
