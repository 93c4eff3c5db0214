"""Synthetic overhead-squat video generator with exact ground truth (dev tool).

Needs the `.[synth]` extra (torch, anny, pyrender); the product never imports it.
"""
