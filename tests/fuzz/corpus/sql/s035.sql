-- Core entity
entity_name (
  id UUID PRIMARY KEY,
  company_id UUID REFERENCES companies(id),  -- multi-tenancy
  field_name TYPE,
  status ENUM('...'),
  created_at TIMESTAMP,
  updated_at TIMESTAMP
)

-- Relationship table (many-to-many)
entity_a_entity_b (
  entity_a_id UUID REFERENCES entity_a(id),
  entity_b_id UUID REFERENCES entity_b(id),
  created_at TIMESTAMP,
  PRIMARY KEY (entity_a_id, entity_b_id)
)

-- Audit log (if tracking changes required)
entity_change_history (
  id UUID PRIMARY KEY,
  entity_id UUID REFERENCES entity(id),
  changed_by UUID REFERENCES users(id),
  old_value TEXT,
  new_value TEXT,
  change_reason TEXT,
  changed_at TIMESTAMP
)

-- Indexes
CREATE INDEX idx_entity_company ON entity_name(company_id);
CREATE INDEX idx_entity_status ON entity_name(status);
