from redactphi.cli import main

main()
