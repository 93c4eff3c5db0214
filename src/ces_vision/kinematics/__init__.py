"""Pure-numpy kinematics: joint angles, smoothing and rep segmentation.

Imports neither cv2, mediapipe nor Qt (an import-linter contract enforces it). The
quantities, units, zeros and signs are defined once, in `catalog`.
"""
