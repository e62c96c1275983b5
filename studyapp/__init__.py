"""studyapp: a terminal study companion for AWS certification exams."""

__version__ = "0.1.0"
