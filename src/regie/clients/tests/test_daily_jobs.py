from regie.clients.reminders import send_reminders
from regie.core import hooks


def test_the_reminders_run_as_a_daily_job_of_the_worker():
    assert hooks.daily_jobs["clients.reminders"] is send_reminders
