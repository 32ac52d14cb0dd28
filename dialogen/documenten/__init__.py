from dialogen.documenten.functie import DOCUMENTEN, DocumentenFunctie

__all__ = ["DOCUMENTEN", "DocumentenFunctie"]
