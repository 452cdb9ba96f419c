"""Helpers for scheduled jobs."""


def commit_progress(env, done, remaining):
    """Commit a scheduled job's progress, only when it runs as a scheduled job
    (``ir.cron`` sets ``ir_cron_progress_id``): a run that crashes then resumes
    where it stopped, without doing again what it committed."""
    if env.context.get("ir_cron_progress_id"):
        env["ir.cron"]._commit_progress(done, remaining=remaining)
