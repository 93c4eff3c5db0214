import sys
from pathlib import Path

# benchmarks/evaluation.py compares an analysis with a rendered clip's ground truth; it is a
# measuring tool shared with benchmarks/accuracy.py, not part of the product package.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
