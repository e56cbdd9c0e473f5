"""RedactPHI's recognizers.

This folder ships inside the wheel as ``redactphi.recognizers``. Python modules here
define :class:`~redactphi.recognizers.base.RegexRecognizer` subclasses (or other Presidio
``EntityRecognizer`` subclasses with a ``NAME``); YAML files hold declarative pattern
recognizers in Presidio's ``type: custom`` schema. :func:`redactphi.pipeline.engine.build_recognizers`
builds the classes of the modules listed in :data:`RECOGNIZER_MODULES`, then every YAML file.

Adding a recognizer module means adding its name to the list below; a test fails for a
module that defines a recognizer and is not listed. ``names`` and ``locations`` are
packages of small rule modules; the others are single modules. Modules starting with
``_`` and ``base`` hold shared helpers, not recognizers.
"""

#: The modules (or packages) whose recognizer classes the engine builds, in the order it
#: builds them: Presidio reports results in this order. Within a module, classes are
#: taken in name order.
RECOGNIZER_MODULES: tuple[str, ...] = (
    "age",
    "checksum_ids",
    "contact",
    "dates",
    "forms",
    "hl7",
    "identifiers",
    "intl_phone",
    "locations",
    "mrn",
    "names",
    "ner",
    "presidio_builtin",
    "site",
    "tables",
    "tagger",
)
