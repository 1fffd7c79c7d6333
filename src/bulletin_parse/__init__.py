"""bulletin-parse: the raw text of Chinese People's Congress work bulletins as structured JSON.

>>> import bulletin_parse
>>> document = bulletin_parse.parse_file("samples/hangzhou-bulletin.txt")
>>> document.reports[1].title
'上城区:“三个好”强化经济工作监督力度'
"""

from .decode import BulletinError
from .models import Document
from .pipeline import parse, parse_bytes, parse_file
from .version import __version__

__all__ = ["BulletinError", "Document", "parse", "parse_bytes", "parse_file", "__version__"]
