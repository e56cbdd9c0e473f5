"""RedactPHI's recognizers.

This folder ships inside the wheel as ``redactphi.recognizers``. Python modules here
define :class:`~redactphi.recognizers.base.RegexRecognizer` subclasses (or other Presidio
``EntityRecognizer`` subclasses with a ``NAME``); YAML files hold declarative pattern
recognizers in Presidio's ``type: custom`` schema. :func:`redactphi.pipeline.engine.build_recognizers`
discovers both, so adding a recognizer means adding one file.
"""
