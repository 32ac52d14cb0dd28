from dialogen.documenten.feature import DOCUMENTEN, DocumentenFeature

__all__ = ["DOCUMENTEN", "DocumentenFeature"]
