"""Make the twins and the edge factory next to these tests importable (importlib mode)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
