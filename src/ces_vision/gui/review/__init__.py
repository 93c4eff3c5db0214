"""Review mode: a video with its skeleton, player controls, rep timeline, angle plots."""
