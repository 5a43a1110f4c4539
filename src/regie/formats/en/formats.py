"""English formats, still day-first so that dates read the same in both languages."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d-m-Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
DATE_INPUT_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d %m %Y", "%d%m%Y", "%Y-%m-%d"]
