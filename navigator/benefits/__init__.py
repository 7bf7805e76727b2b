"""The employee's side of the benefit rules: the 雇用保険 profile and its interview
(profile.py), the courses a person can take with what each would pay them (courses.py), and the
benefit check of one course with its amounts by stage, net cost and dated steps (check.py).

Nothing here decides eligibility: the rules engine (navigator.rules) does, from the facts these
modules put together; this package only says which facts, and shows the answers.
"""
