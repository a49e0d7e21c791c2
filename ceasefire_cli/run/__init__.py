"""The pipeline that composes the stages, and what makes it fast: worker processes and the claim cache."""
