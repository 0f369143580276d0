"""python -m storycheck"""

from .cli import main

main()
