"""Use cases between the pure core and the front ends: study, exams, import, scopes, doctor."""
