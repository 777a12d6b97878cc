from stogen.cli import run

run()
