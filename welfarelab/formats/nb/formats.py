# Bokmål as Django has it, except what a date field shows and takes. The first input format is the one
# a field shows: day first, as on every other date in the product (Django's own puts ISO first). ISO is
# still taken so that nothing typed or linked before breaks; a two-digit year is not, because 01.01.50
# would be read as 2050 and a birth date quietly moved a century.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M", "%d.%m.%Y %H.%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"]
