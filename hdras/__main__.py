from hdras.cli.main import main

raise SystemExit(main())
