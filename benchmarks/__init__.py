"""``make bench``: talon_dyn's speed and memory, as ratios to baselines measured in the same run."""
