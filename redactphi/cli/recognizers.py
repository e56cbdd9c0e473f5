"""`redactphi recognizers`: the enabled recognizers, their entity types with the HIPAA
Safe Harbor category of each, and where each is defined."""

from __future__ import annotations

import click

from redactphi.cli.errors import fail
from redactphi.cli.options import CONTEXT_SETTINGS, ConfigArgs, config_options
from redactphi.errors import RedactPHIError


@click.command(context_settings=CONTEXT_SETTINGS)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@config_options
def recognizers(fmt: str, config_args: ConfigArgs) -> None:
    """List the enabled recognizers: name, entity types, and where each is defined.

    Recognizer names are what the audit log and `scan` output show; switch one off with
    `disabled_recognizers = ["name"]` in redactphi.toml. Each entity is shown with its
    HIPAA Safe Harbor category, lettered (A)-(R) as in 45 CFR 164.514(b)(2)(i).

    \b
    Example:
      redactphi recognizers --format json
    """
    import json

    try:
        cfg = config_args.build()
        from redactphi.pipeline.engine import describe_recognizers

        infos = describe_recognizers(cfg)
    except RedactPHIError as exc:
        fail(exc)
    from redactphi.entities import safe_harbor_category

    if fmt == "json":
        click.echo(json.dumps([{"name": i.name, "entities": list(i.entities), "safe_harbor": sorted({safe_harbor_category(e) for e in i.entities}), "source": i.source, "description": i.description} for i in infos], indent=2))
        return
    ents = {i.name: ", ".join(f"{e} ({safe_harbor_category(e)})" for e in i.entities) for i in infos}
    w = max(len(i.name) for i in infos)
    we = max(len(v) for v in ents.values())
    click.echo(f"{'NAME':<{w}}  {'ENTITIES (SAFE HARBOR)':<{we}}  SOURCE")
    for i in infos:
        click.echo(f"{i.name:<{w}}  {ents[i.name]:<{we}}  {i.source}")
    click.echo(f"\nengine: {cfg.engine}; score threshold: {cfg.score_threshold}; {len(infos)} recognizers")
    click.echo("(A)-(R): the HIPAA Safe Harbor identifier, 45 CFR 164.514(b)(2); the audit header lists each one's status")
