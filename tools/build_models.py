"""Build the MediaPipe pose-landmarker `.task` bundles in models/ from the npm package.

Why: mediapipe's PyPI wheel ships no pose weights and its usual downloads come from a
host we cannot (and must not, at run time) reach. The npm package `@mediapipe/pose`
carries the same BlazePose TFLite models; the Tasks API needs them wrapped with
image-normalization metadata and zipped (uncompressed) as a `.task` bundle.

The metadata writer only works in mediapipe 0.10.21 (it needs numpy < 2), so run this
in a throwaway environment, never the product's:

    python3 -m venv /tmp/mpbuild && /tmp/mpbuild/bin/pip install mediapipe==0.10.21 'numpy<2'
    npm pack @mediapipe/pose@0.5.1675469404
    /tmp/mpbuild/bin/python tools/build_models.py mediapipe-pose-0.5.1675469404.tgz models/

It writes pose_landmarker_{lite,full,heavy}.task and prints their sha256 for
models/README.md and models/checksums.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

NPM_PACKAGE = "@mediapipe/pose@0.5.1675469404"
DETECTOR_MEMBER = "package/pose_solution_packed_assets.data"  # the BlazePose detector, a TFLite flatbuffer
LANDMARK_MEMBERS = {
    "lite": "package/pose_landmark_lite.tflite",
    "full": "package/pose_landmark_full.tflite",
    "heavy": "package/pose_landmark_heavy.tflite",
}
# Input normalization the models were trained with: detector [-1, 1], landmarks [0, 1].
DETECTOR_NORM = (127.5, 127.5)
LANDMARK_NORM = (0.0, 255.0)


def _with_metadata(model: bytes, name: str, norm: tuple[float, float]) -> bytes:
    from mediapipe.tasks.python.metadata.metadata_writers import metadata_writer

    writer = metadata_writer.MetadataWriter.create(model)
    writer.add_general_info(name, "BlazePose model from npm " + NPM_PACKAGE)
    writer.add_image_input(norm_mean=[norm[0]], norm_std=[norm[1]])
    tflite, _ = writer.populate()
    return tflite


def build(tarball: Path, out_dir: Path) -> dict[str, str]:
    """Write the three bundles into out_dir; return {file name: sha256}."""
    from mediapipe.tasks.python.metadata.metadata_writers import model_asset_bundle_utils

    with tarfile.open(tarball) as tar:
        read = lambda member: tar.extractfile(member).read()  # noqa: E731
        detector = read(DETECTOR_MEMBER)
        if detector[4:8] != b"TFL3":
            raise SystemExit(f"{DETECTOR_MEMBER} is not a TFLite model: wrong npm package version?")
        landmarks = {name: read(member) for name, member in LANDMARK_MEMBERS.items()}

    detector = _with_metadata(detector, "BlazePose detector", DETECTOR_NORM)
    out_dir.mkdir(parents=True, exist_ok=True)
    checksums = {}
    for name, landmark_model in landmarks.items():
        bundle = out_dir / f"pose_landmarker_{name}.task"
        members = {
            "pose_detector.tflite": detector,
            "pose_landmarks_detector.tflite": _with_metadata(
                landmark_model, f"BlazePose landmarks ({name})", LANDMARK_NORM
            ),
        }
        with tempfile.TemporaryDirectory() as tmp:
            tmp_bundle = Path(tmp) / bundle.name
            # mediapipe's own aligned zip writer, with fixed member dates so that a
            # rebuild gives byte-identical bundles (the sha256 in models/ must hold).
            with model_asset_bundle_utils.AlignZipFile(tmp_bundle, mode="w", alignment=4) as zf:
                for member_name, payload in members.items():
                    zf.writestr(zipfile.ZipInfo(member_name, date_time=(1980, 1, 1, 0, 0, 0)), payload)
            data = tmp_bundle.read_bytes()
        bundle.write_bytes(data)
        checksums[bundle.name] = hashlib.sha256(data).hexdigest()
    return checksums


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tarball", type=Path, help="the npm pack tarball of " + NPM_PACKAGE)
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args()
    checksums = build(args.tarball, args.out_dir)
    print(json.dumps(checksums, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
