import { Field } from '@/app/_components/ui/field';
import { SelectField, TextAreaField } from '@/app/_components/ui/select-field';

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
      <TextAreaField label="Description" name="description" defaultValue={values.description} rows={8} maxLength={20_000} hint="Markdown, no HTML. Only the torrent's own poster and screenshots show as images; other images become plain links." error={errors.description} />
    </>
  );
}
