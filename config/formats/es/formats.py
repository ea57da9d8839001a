"""The house date format (STYLE: dates written one way everywhere, "9 de junio de 2022").

Django's Spanish ``DATE_FORMAT`` already is that; the short formats, which Django writes as
"09/06/2022", are made the same so that no page writes a date the other way.
"""

SHORT_DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATETIME_FORMAT = r"j \d\e F \d\e Y \a \l\a\s H:i"
