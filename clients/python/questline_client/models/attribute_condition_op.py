from enum import StrEnum


class AttributeConditionOp(StrEnum):
    CONTAINS = "contains"
    EQ = "eq"
    EXISTS = "exists"
    GT = "gt"
    GTE = "gte"
    IN = "in"
    LT = "lt"
    LTE = "lte"
    NE = "ne"

    def __str__(self) -> str:
        return str(self.value)
