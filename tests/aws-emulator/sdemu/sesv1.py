"""SES API v1 sending quota, answered from the same state as SESv2 so both
APIs agree (moto's own GetSendQuota knows nothing of the scenario)."""


def get_send_quota(ctx):
    q = ctx.reg["quota"]
    return {"Max24HourSend": q["max24"], "MaxSendRate": q["maxrate"],
            "SentLast24Hours": q["sent"]}


def get_account_sending_enabled(ctx):
    return {"Enabled": ctx.reg["sending_enabled"]}


def get_send_statistics(ctx):
    from .cloudwatch import send_statistics
    return send_statistics(ctx)


HANDLERS = {
    "GetSendStatistics": get_send_statistics,
    "GetSendQuota": get_send_quota,
    "GetAccountSendingEnabled": get_account_sending_enabled,
}
