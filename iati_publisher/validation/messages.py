"""Messages of the official ruleset (``rulesets/standard.json``), listed for translation.

The validator translates each rule's English message with ``gettext`` at display time; this
module only makes ``makemessages`` put them in the catalogues (French in ``locale/fr``).
"""

from django.utils.translation import gettext_noop

RULE_MESSAGES = [
    gettext_noop(
        "The activity identifier must be different to the organisation identifier of the reporting organisation."
    ),
    gettext_noop(
        "The activity identifier should begin with your IATI organisation identifier (either the current IATI Organisation identifier for the reporting organisation or a previous version included in other-identifier element) followed by a unique string for the activity separated by a hyphen"
    ),
    gettext_noop("The reporting organisation id must start with an approved agency code."),
    gettext_noop("The activity must have a planned start date or an actual start date."),
    gettext_noop(
        "Each activity must have a specified sector, either at activity level OR for all transactions."
    ),
    gettext_noop(
        "The activity should specify a default language OR the language must be specified for each narrative element."
    ),
    gettext_noop(
        "If sector is declared at transaction level, a sector must be declared for all transactions."
    ),
    gettext_noop(
        "The activity should specify a default currency OR the currency must be specified for each monetary value."
    ),
    gettext_noop("The last updated datetime of the activity must not be in the future."),
    gettext_noop("The planned start date of the activity must be before the planned end date."),
    gettext_noop("The actual start date of the activity must be before the actual end date."),
    gettext_noop("The actual start date of the activity must not be in the future."),
    gettext_noop("The actual end date of the activity must not be in the future."),
    gettext_noop("The transaction date must not be in the future."),
    gettext_noop("The transaction value date must not be in the future."),
    gettext_noop("The iati-identifier must not contain any of the symbols /, &, | or ?."),
    gettext_noop("The reporting-org identifier must not contain any of the symbols /, &, | or ?."),
    gettext_noop("The iati-identifier should not start or end with spaces or newlines."),
    gettext_noop("The reporting-org identifier should not start or end with spaces or newlines."),
    gettext_noop(
        "The previous reporting organisation identifier should not start or end with spaces or newlines."
    ),
    gettext_noop(
        "The previous activity identifier should not start or end with spaces or newlines."
    ),
    gettext_noop(
        "The related activity identifier should not start or end with spaces or newlines."
    ),
    gettext_noop(
        "Percentage values for sectors, within a vocabulary (e.g. 1 - OECD DAC), must add up to 100%."
    ),
    gettext_noop(
        "When multiple recipient countries or regions are declared, each must have a percentage."
    ),
    gettext_noop(
        "When a single recipient region in a vocabulary is declared, the percentage must either be omitted, or set to 100."
    ),
    gettext_noop("Percentage values for recipient countries or regions, must add up to 100%."),
    gettext_noop("Percentage values for budget items, should add up to 100%."),
    gettext_noop("When multiple budget items are declared, each must have a percentage."),
    gettext_noop(
        "When a single budget item is declared, the percentage must either be omitted, or set to 100."
    ),
    gettext_noop(
        "Each activity should only contain one default aid type code per aid type vocabulary (e.g. 1 - OECD DAC)"
    ),
    gettext_noop(
        "When multiple sectors, within a vocabulary (e.g. 1 - OECD DAC) are declared, each must have a percentage."
    ),
    gettext_noop(
        "When a single sector is declared, the percentage must either be omitted, or set to 100."
    ),
    gettext_noop("Percentage values for recipient countries, must add up to 100%."),
    gettext_noop("The country/region percentage value must be between 0.0 and 100.0 (inclusive)."),
    gettext_noop("The sector percentage value must be between 0.0 and 100.0 (inclusive)."),
    gettext_noop("The percentage value must be between 0.0 and 100.0 (inclusive)."),
    gettext_noop(
        "When using a reporting organisation sector code (vocabulary 98 or 99), it must include a narrative."
    ),
    gettext_noop(
        "When a non OECD DAC sector vocabulary is used, sector vocabulary 1 - OECD DAC should also be used."
    ),
    gettext_noop(
        "The activity should also declare an aid type code from aid type vocabulary 1 - OECD DAC."
    ),
    gettext_noop(
        "The transaction should also contain a code from the OECD DAC aid type vocabulary."
    ),
    gettext_noop("Sectors must only be declared at activity level OR for all transactions."),
    gettext_noop(
        "Recipient countries or regions must only be declared at activity level OR for all transactions."
    ),
    gettext_noop(
        "Recipient country or recipient region should be declared for either the activity or for all transactions."
    ),
    gettext_noop("When multiple recipient countries are declared, each must have a percentage."),
    gettext_noop(
        "When a single recipient country is declared, the percentage must either be omitted, or set to 100."
    ),
    gettext_noop(
        "Each transaction should only contain one aid type code per aid type vocabulary (e.g. 1 - OECD DAC)"
    ),
    gettext_noop("The owner organisation must have an identifier or a narrative."),
    gettext_noop(
        "The owner organisation identifier should not start or end with spaces or newlines."
    ),
    gettext_noop(
        "The owner organisation identifier must not contain any of the symbols /, &, | or ?."
    ),
    gettext_noop("The provider organisation must have an organisation identifier or a narrative."),
    gettext_noop(
        "The provider organisation identifier must not contain any of the symbols /, &, | or ?."
    ),
    gettext_noop(
        "The provider organisation identifier should not start or end with spaces or newlines."
    ),
    gettext_noop(
        "The provider-org activity identifier should not start or end with spaces or newlines."
    ),
    gettext_noop("The receiver organisation must have an organisation identifier or a narrative."),
    gettext_noop("The receiver-org identifier should not start or end with spaces or newlines."),
    gettext_noop(
        "The receiver-org activity identifier should not start or end with spaces or newlines."
    ),
    gettext_noop("The receiver-org identifier must not contain any of the symbols /, &, | or ?."),
    gettext_noop(
        "When using a policy marker code for vocabulary 1, it must include a significance."
    ),
    gettext_noop(
        "When using a reporting organisation policy marker code (vocabulary 99), it must include a narrative."
    ),
    gettext_noop("The organisation-identifier must not contain any of the symbols /, &, | or ?."),
    gettext_noop("The organisation-identifier should not start or end with spaces or newlines."),
    gettext_noop(
        "The recipient organisation identifier should not start or end with spaces or newlines."
    ),
    gettext_noop("The last updated datetime of the organisation must not be in the future."),
    gettext_noop(
        "The organisation should specify a default language, or the language should be specified for each narrative element."
    ),
    gettext_noop(
        "The financial value must have a specified currency, or the organisation must declare a default currency."
    ),
    gettext_noop("The participating organisation must have an identifier or a narrative."),
    gettext_noop(
        "The participating-org identifier should not start or end with spaces or newlines."
    ),
    gettext_noop(
        "The participating-org activity identifier should not start or end with spaces or newlines."
    ),
    gettext_noop("The start of the period must be before the end of the period."),
    gettext_noop("Budget Period must not be longer than one year."),
    gettext_noop("The budget line value date must be within the budget period."),
    gettext_noop("A reference code must only be declared at result OR result indicator level."),
    gettext_noop(
        "The start date of the indicator period must be before the end date of the indicator period."
    ),
    gettext_noop(
        "The baseline must have a value when the indicator measure is non-qualitative (e.g. 1 = unit, 2 = percentage, 3 = nominal, 4 = ordinal)."
    ),
    gettext_noop(
        "The baseline value should be a valid number for all non-qualitative measures (e.g. 1 = unit, 2 = percentage, 3 = nominal, 4 = ordinal)."
    ),
    gettext_noop("The baseline value should be omitted for qualitative measures."),
    gettext_noop(
        "The target must have a value when indicator measure is non-qualitative (e.g. 1 = unit, 2 = percentage, 3 = nominal, 4 = ordinal)."
    ),
    gettext_noop(
        "The target value should be a valid number for all non-qualitative measures (e.g. 1 = unit, 2 = percentage, 3 = nominal, 4 = ordinal)."
    ),
    gettext_noop("The target value should be omitted for qualitative measures."),
    gettext_noop(
        "The actual must have a value when the indicator measure is non-qualitative (e.g. 1 = unit, 2 = percentage, 3 = nominal, 4 = ordinal)."
    ),
    gettext_noop(
        "The actual value should be a valid number for all non-qualitative indicator measures (e.g. 1 = unit, 2 = percentage, 3 = nominal, 4 = ordinal)."
    ),
    gettext_noop("The actual value should be omitted for qualitative indicator measures."),
    gettext_noop("The title must contain narrative content."),
    gettext_noop("The description must contain narrative content."),
]
