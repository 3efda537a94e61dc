"""holdmetight: plan and run *Houd me vast* (Hold Me Tight) group courses for couples."""

__version__ = "0.1.0"
