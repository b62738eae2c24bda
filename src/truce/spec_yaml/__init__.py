"""Agreement specs as files: reading YAML into the domain model, writing it back, documenting it.

The model itself lives in `truce.domain.spec`; this package is the layer that touches text.
"""

from truce.spec_yaml.loader import check_spec, dump_spec, load_spec, load_spec_file, read_spec_text

__all__ = ["check_spec", "dump_spec", "load_spec", "load_spec_file", "read_spec_text"]
