"""The demo's app side: seeding the simulator's organisation, the app served beside it, its messages.

`app/commands/demo.py` composes these with the `simulator` package; the simulator never imports `app`.
"""
