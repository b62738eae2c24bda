from truce.cli.app import main

main()
