"""Slow work run by the task worker (`jamlik db_worker`), or inline with the immediate backend."""

from django_tasks import task

from jamlik.reports import services


@task()
def render_draft(rendering_id: str) -> str:
    return services.run_rendering(rendering_id=rendering_id).status


@task()
def render_version_files(version_id: int, formats: list[str] | None = None) -> int:
    return services.store_version_files(
        version_id=version_id, formats=tuple(formats or services.FROZEN_FORMATS)
    )
