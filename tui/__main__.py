from paiws.cli import main

raise SystemExit(main())
