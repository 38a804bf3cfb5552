from hdras.cli import main

raise SystemExit(main())
