"""Report writers: TSV, JSON, HTML and MultiQC."""
