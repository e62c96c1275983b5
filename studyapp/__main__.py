import sys

from studyapp.cli.main import main

sys.exit(main())
