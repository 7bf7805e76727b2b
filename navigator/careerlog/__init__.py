"""Career log, career note and prompt set (seed 000, 4-3): the person records one event and one
emotion a day; the note is generated from the log on this machine, without any external AI.

The knowledge this package reads lives at the top of the repository: careerlog/ (emotions,
lexicons, thresholds) and prompts/ (the standard prompt set).
"""
