"""Hand-made watch-list files for the parser tests, and where the real lists live."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

DATA = Path(__file__).parent / "data"
SHARED_LISTS = Path(__file__).parents[3] / ".." / "shared" / "data" / "lists"

# Hand-made rows in the layout of OFAC's legacy sdn.csv / alt.csv / add.csv (people invented).
SDN_ROWS = (
    '101,"TESTOV, Ivan Petrovich","individual","SDGT] [IFSR",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    '"DOB 01 Jan 1955; alt. DOB circa 1957; POB Example City, Russia; nationality Russia; '
    "citizen Korea, North; Passport 7701234 (Russia) issued 01 Feb 2001 expires 01 Feb 2011; "
    "National ID No. 123-456 (Russia); Gender Male; a.k.a. 'THE FOX'.\"",
    '102,"EXAMPLE SHIPPING CO., LTD.",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    "\"Registration ID 1234567 (Iran); a.k.a. 'ESC'; Website www.example.test.\"",
    '103,"SEA EXAMPLE","vessel","DPRK3",-0- ,"HMEX1","Crude Oil Tanker","5,000","3,000",'
    '"Korea, North","EXAMPLE SHIPPING CO., LTD.","Vessel Registration Identification IMO 9123456; '
    'MMSI 445123000; Linked To: EXAMPLE SHIPPING CO., LTD.."',
    '104,"EP-XYZ","aircraft","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    '"Aircraft Manufacturer\'s Serial Number (MSN) 12345; Aircraft Tail Number EP-XYZ."',
    '105,"PEREZ GARCIA, Maria Elena","individual","SDNTK","Director of Example Exchange",-0- ,'
    '-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1970 to 1972; Cedula No. 12345678 (Colombia); Gender Female."',
)
ALT_ROWS = (
    '101,1,"aka","TESTOV, Ivan",-0- ',
    '101,2,"fka","TESTOFF, Ivan",-0- ',
    '102,3,"nka","EXAMPLE MARITIME LTD.",-0- ',
    '105,4,"aka","PEREZ, Maria",-0- ',
)
ADD_ROWS = (
    '101,1,"1 Example Street","Moscow 101000","Russia",-0- ',
    '102,2,-0- ,"Tehran","Iran",-0- ',
)

WriteOfac = Callable[..., Path]


def crlf_file(rows: Sequence[str], *, eof: bool = True) -> bytes:
    """Rows joined as OFAC writes them: CR LF line ends, then a 0x1A end-of-file line."""
    text = "".join(f"{row}\r\n" for row in rows)
    return (text + ("\x1a" if eof else "")).encode("ascii")
