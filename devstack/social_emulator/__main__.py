"""`python -m devstack.social_emulator [--host H] [--port P]`: the emulator in the foreground."""

from devstack.social_emulator.server import main

if __name__ == "__main__":
    main()
