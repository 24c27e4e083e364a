import { Field } from '@/app/_components/ui/field';
import { SelectField } from '@/app/_components/ui/select-field';
import { DescriptionField } from './description-field';

export interface MetaValues {
  title?: string | undefined;
  categoryId?: string | undefined;
  tags?: string | undefined;
  description?: string | undefined;
}

/** Title, category, tags and description: shared by the upload and edit forms. */
export function TorrentMetaFields({ categories, values, errors, onTitleChange }: {
  categories: { id: number; name: string }[];
  values: MetaValues;
  errors: Record<string, string>;
  onTitleChange?: (title: string) => void;
}) {
  return (
    <>
      <Field
        label="Title"
        name="title"
        maxLength={200}
        {...(onTitleChange ? { value: values.title ?? '', onChange: (e) => onTitleChange(e.target.value) } : { defaultValue: values.title })}
        error={errors.title}
      />
      <SelectField
        label="Category"
        name="categoryId"
        defaultValue={values.categoryId ?? ''}
        options={[{ value: '', label: 'Choose…' }, ...categories.map((c) => ({ value: String(c.id), label: c.name }))]}
        error={errors.categoryId}
      />
      <Field label="Tags" name="tags" defaultValue={values.tags} maxLength={500} hint="Up to 10, separated by commas or spaces" error={errors.tags} />
      <DescriptionField defaultValue={values.description} error={errors.description} />
    </>
  );
}
