"""SES Desk's local AWS emulator: moto plus the SESv2, Support and Service
Quotas operations moto lacks, with signature checking, model validation,
fault injection and scenarios. Entry point: ../serve."""
