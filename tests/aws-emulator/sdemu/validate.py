"""Model validation stricter than botocore's client-side check.

botocore.validate.ParamValidator checks required members, types and minimum
lengths/values. AWS also enforces maximums, enums and patterns on the
server; a client that breaks those gets a ValidationException from AWS, so
the emulator checks them too.
"""

import re

from botocore.validate import ParamValidator, ValidationErrors

_pattern_cache = {}


def _compiled(pattern):
    rx = _pattern_cache.get(pattern, False)
    if rx is False:
        try:
            rx = re.compile(pattern, re.DOTALL)
        except re.error:
            rx = None  # a Java-only construct: skip rather than guess
        _pattern_cache[pattern] = rx
    return rx


def _short(value, limit=120):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


class _Errors(ValidationErrors):
    def _format_error(self, error):
        error_type, name, additional = error
        shown = self._get_name(name)
        if error_type == "too long":
            return (f"Invalid length for parameter {shown}, length: "
                    f"{additional['length']}, valid max length: {additional['max']}")
        if error_type == "too large":
            return (f"Invalid value for parameter {shown}, value: "
                    f"{additional['param']}, valid max value: {additional['max']}")
        if error_type == "not in enum":
            return (f"Invalid value for parameter {shown}, value: "
                    f"{_short(additional['param'])}, valid values: "
                    f"{', '.join(additional['enum'])}")
        if error_type == "pattern":
            return (f"Invalid value for parameter {shown}, value: "
                    f"{_short(additional['param'])}, must match pattern "
                    f"{additional['pattern']}")
        if error_type in ("invalid length", "invalid type", "invalid range"):
            additional = dict(additional)
            if "param" in additional and len(repr(additional["param"])) > 120:
                additional["param"] = _short(additional["param"])
            return super()._format_error((error_type, name, additional))
        return super()._format_error(error)

    def messages(self):
        return [self._format_error(e) for e in self._errors]


def _max_check(name, value, shape, error_type, errors, shown=None):
    maximum = shape.metadata.get("max")
    if maximum is not None and value > maximum:
        if error_type == "too long":
            errors.report(name, error_type, length=value, max=maximum)
        else:
            errors.report(name, error_type, param=shown if shown is not None else value,
                          max=maximum)


class StrictValidator(ParamValidator):
    def _validate_string(self, param, shape, errors, name):
        before = len(errors._errors)
        super()._validate_string(param, shape, errors, name)
        if len(errors._errors) != before or not isinstance(param, str):
            return
        _max_check(name, len(param), shape, "too long", errors)
        enum = shape.enum
        if enum and param not in enum:
            errors.report(name, "not in enum", param=param, enum=list(enum))
        pattern = shape.metadata.get("pattern")
        if pattern:
            rx = _compiled(pattern)
            if rx is not None and not rx.search(param):
                errors.report(name, "pattern", param=param, pattern=pattern)

    def _validate_list(self, param, shape, errors, name):
        super()._validate_list(param, shape, errors, name)
        if isinstance(param, (list, tuple)):
            _max_check(name, len(param), shape, "too long", errors)
            # The base class skips per-item checks when the member shape
            # has no "required/min"; enums and max still apply.
            member = shape.member
            if member.type_name == "string" and not self._shape_has_constraints(member):
                for i, item in enumerate(param):
                    if isinstance(item, str):
                        self._validate_string(item, member, errors, f"{name}[{i}]")

    def _validate_map(self, param, shape, errors, name):
        super()._validate_map(param, shape, errors, name)
        if isinstance(param, dict):
            _max_check(name, len(param), shape, "too long", errors)

    def _validate_integer(self, param, shape, errors, name):
        before = len(errors._errors)
        super()._validate_integer(param, shape, errors, name)
        if len(errors._errors) == before and isinstance(param, int):
            _max_check(name, param, shape, "too large", errors)

    def _validate_long(self, param, shape, errors, name):
        before = len(errors._errors)
        super()._validate_long(param, shape, errors, name)
        if len(errors._errors) == before and isinstance(param, int):
            _max_check(name, param, shape, "too large", errors)

    def _validate_double(self, param, shape, errors, name):
        before = len(errors._errors)
        super()._validate_double(param, shape, errors, name)
        if len(errors._errors) == before and isinstance(param, (int, float)):
            _max_check(name, param, shape, "too large", errors)

    _validate_float = _validate_double

    def _validate_blob(self, param, shape, errors, name):
        super()._validate_blob(param, shape, errors, name)
        if isinstance(param, (bytes, bytearray)):
            _max_check(name, len(param), shape, "too long", errors)
            minimum = shape.metadata.get("min")
            if minimum is not None and len(param) < minimum:
                errors.report(name, "invalid length", param=param, min_allowed=minimum)

    def check(self, params, shape):
        """Return a list of human-readable problems (empty when valid)."""
        errors = _Errors()
        if shape is not None:
            self._validate(params, shape, errors, name="")
        return errors.messages()


_validator = StrictValidator()


def check(params, shape):
    return _validator.check(params, shape)
