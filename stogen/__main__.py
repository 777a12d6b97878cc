from stogen.cli import main

raise SystemExit(main())
